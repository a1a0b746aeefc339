using System.Net;

namespace ConsultFlow.Server.Features.Security;

/// <summary>
/// The "ConsultFlow:ForwardedHeaders" section: which reverse proxies may tell the server the client's address and
/// scheme (X-Forwarded-For, X-Forwarded-Proto). Empty by default, loopback included: a header from any other sender is
/// ignored, or anyone could claim to be https (and get a cookie over plain http) or pose as another address to the
/// sign-in throttle.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ConsultFlow:ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of the server, e.g. "10.0.0.5" or "::1".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR form, e.g. "172.18.0.0/16" (a container network).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies deep the chain is; 1 is one proxy (nginx) in front.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>The problems of the settings, by setting name; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return $"{Section}:KnownProxies: '{proxy}' is not an IP address.";
        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
            yield return $"{Section}:KnownNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8).";
        if (ForwardLimit is < 1 or > 10) yield return $"{Section}:ForwardLimit must be between 1 and 10.";
    }
}
