namespace ConsultFlow.AgencySystem;

/// <summary>
/// Who this system is and how it answers, from environment variables (the same broker keys as the server's
/// ConsultFlow:Messaging section): AGENCY_CODE, AGENCY_OUTCOME ("accept"), AGENCY_LOG (a file that gets one line per
/// message received), RABBITMQ_HOST, RABBITMQ_PORT, RABBITMQ_VHOST, RABBITMQ_USER, RABBITMQ_PASSWORD;
/// AGENCY_FILING_STEP (e.g. "policeReview"): also decide to file the case (立案) at that step after signing the receipt.
/// </summary>
public sealed record AgencySettings(string Agency, string Outcome, string? LogFile, string Host, ushort Port, string VirtualHost, string UserName, string Password,
    string? FilingStep)
{
    public static AgencySettings FromEnvironment()
    {
        static string Get(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
        return new AgencySettings(
            Get("AGENCY_CODE", "gaj"), Get("AGENCY_OUTCOME", "accept"), Environment.GetEnvironmentVariable("AGENCY_LOG"),
            Get("RABBITMQ_HOST", "localhost"), ushort.Parse(Get("RABBITMQ_PORT", "5672")), Get("RABBITMQ_VHOST", "/"),
            Get("RABBITMQ_USER", "guest"), Get("RABBITMQ_PASSWORD", "guest"), Environment.GetEnvironmentVariable("AGENCY_FILING_STEP"));
    }
}
