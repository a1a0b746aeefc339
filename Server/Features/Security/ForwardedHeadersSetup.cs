using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ConsultFlow.Server.Features.Security;

/// <summary>Honours X-Forwarded-For and X-Forwarded-Proto from the configured proxies only.</summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddConsultFlowForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section)
            .Validate(settings => !settings.Problems().Any(), "ConsultFlow:ForwardedHeaders is not valid.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((forwarded, configured) =>
        {
            var settings = configured.Value;
            var problems = settings.Problems().ToList();
            if (problems.Count > 0) throw new OptionsValidationException(ForwardedHeadersSettings.Section, typeof(ForwardedHeadersSettings), problems);
            // Host is left alone: the proxy passes the browser's Host on (nginx: proxy_set_header Host $host), and
            // trusting X-Forwarded-Host would let a client choose the origin the cross-site check compares with.
            // With no proxy configured the headers are not read at all: ASP.NET's middleware trusts every sender when
            // both lists are empty, so clearing them alone would let anyone claim https or another address.
            var anyProxy = settings.KnownProxies.Count > 0 || settings.KnownNetworks.Count > 0;
            forwarded.ForwardedHeaders = anyProxy ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            forwarded.ForwardLimit = settings.ForwardLimit;
            // ASP.NET trusts loopback by default; here only what the operator names is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in settings.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }
}
