namespace ConsultFlow.Server;

/// <summary>The "ConsultFlow" configuration section. Environment variables use "ConsultFlow__Database__Provider" etc.</summary>
public sealed class ConsultFlowOptions
{
    public const string Section = "ConsultFlow";

    public DatabaseSettings Database { get; set; } = new();

    /// <summary>
    /// The key agencies' systems and operators present as "Authorization: Bearer KEY" or "X-Api-Key: KEY". When none is
    /// configured, one is generated at first start into app-data/api-key (never a default).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Folder of workflow definitions published at start-up; default: the Workflows folder shipped with the server.</summary>
    public string? WorkflowsPath { get; set; }

    /// <summary>The deployment profile (local rules, step limits, deadline units), by file name in the profiles folder.</summary>
    public string Profile { get; set; } = "default";

    /// <summary>Folder of deployment profiles; default: Workflows/profiles shipped with the server.</summary>
    public string? ProfilesPath { get; set; }

    /// <summary>How often due timers and owed resumes are looked for.</summary>
    public double TimerPollSeconds { get; set; } = 5;

    /// <summary>Optional folder of extra calendar files (next year's holidays) overriding the shipped ones.</summary>
    public string? CalendarDataPath { get; set; }

    public sealed class DatabaseSettings
    {
        /// <summary>"Sqlite" (default, app-data/consultflow.db) or "Postgres".</summary>
        public string Provider { get; set; } = "Sqlite";
        public string? ConnectionString { get; set; }
    }
}
