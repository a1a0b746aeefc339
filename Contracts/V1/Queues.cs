namespace ConsultFlow.Contracts.V1;

/// <summary>The RabbitMQ names both sides agree on.</summary>
public static class Queues
{
    /// <summary>Where agencies' systems send their answers to ConsultFlow (every ConsultFlow node consumes it).</summary>
    public const string Engine = "consultflow.engine";

    /// <summary>Where ConsultFlow sends what is addressed to one agency's system (e.g. "consultflow.agency.gaj").</summary>
    public static string Agency(string agencyCode) => "consultflow.agency." + agencyCode;
}
