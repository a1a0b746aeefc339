using ConsultFlow.Engine.Runtime;

namespace ConsultFlow.Server;

/// <summary>The "ConsultFlow" configuration section. Environment variables use "ConsultFlow__Database__Provider" etc.</summary>
public sealed class ConsultFlowOptions
{
    public const string Section = "ConsultFlow";

    public DatabaseSettings Database { get; set; } = new();

    /// <summary>The first administrator, created at first start when there is no user yet.</summary>
    public AdminSettings Admin { get; set; } = new();

    /// <summary>Sign-in rules: password length, lockout, session length.</summary>
    public AuthSettings Auth { get; set; } = new();

    /// <summary>How much one step of a case may do (activities run, tasks created); see <see cref="LimitsSettings"/>.</summary>
    public LimitsSettings Limits { get; set; } = new();

    /// <summary>Folder of workflow definitions published at start-up; default: the Workflows folder shipped with the server.</summary>
    public string? WorkflowsPath { get; set; }

    /// <summary>The deployment profile (local rules, step limits, deadline units), by file name in the profiles folder.</summary>
    public string Profile { get; set; } = "default";

    /// <summary>Folder of deployment profiles; default: Workflows/profiles shipped with the server.</summary>
    public string? ProfilesPath { get; set; }

    /// <summary>How often due timers and owed resumes are looked for.</summary>
    public double TimerPollSeconds { get; set; } = 5;

    /// <summary>
    /// Folder of the keys that protect sign-in cookies; default app-data/keys. Nodes behind one address must share it,
    /// or a cookie issued by one node is refused by the next.
    /// </summary>
    public string? DataProtectionKeysPath { get; set; }

    /// <summary>Optional folder of extra calendar files (next year's holidays) overriding the shipped ones.</summary>
    public string? CalendarDataPath { get; set; }

    /// <summary>
    /// The "ConsultFlow:Limits" section. A step that would run more activities faults its case with an incident (a
    /// loop the validator could not see); one that would create more tasks is refused with a 422 and writes nothing.
    /// </summary>
    public sealed class LimitsSettings
    {
        public int MaxActivitiesPerStep { get; set; } = StepLimits.Default.MaxActivitiesPerStep;
        public int MaxTasksPerStep { get; set; } = StepLimits.Default.MaxTasksPerStep;

        public StepLimits ToStepLimits() => new() { MaxActivitiesPerStep = MaxActivitiesPerStep, MaxTasksPerStep = MaxTasksPerStep };

        public IEnumerable<string> Problems()
        {
            if (MaxActivitiesPerStep is < 100 or > 1_000_000) yield return "ConsultFlow:Limits:MaxActivitiesPerStep must be between 100 and 1000000.";
            if (MaxTasksPerStep is < 1 or > 10_000) yield return "ConsultFlow:Limits:MaxTasksPerStep must be between 1 and 10000.";
        }
    }

    public sealed class DatabaseSettings
    {
        /// <summary>"Sqlite" (default, app-data/consultflow.db) or "Postgres".</summary>
        public string Provider { get; set; } = "Sqlite";
        public string? ConnectionString { get; set; }
    }

    public sealed class AdminSettings
    {
        /// <summary>The first administrator's user name; "admin" when only a password or nothing is configured.</summary>
        public string? UserName { get; set; }

        /// <summary>
        /// Its password (better from the environment: ConsultFlow__Admin__Password). When none is configured a random
        /// one-time password is written to <see cref="InitialPasswordFile"/> and must be changed at first sign-in.
        /// </summary>
        public string? Password { get; set; }

        /// <summary>Its agency's code; created as a coordination office when it does not exist yet. Default "system".</summary>
        public string? Agency { get; set; }

        /// <summary>Where a generated one-time password goes; default app-data/initial-admin-password.</summary>
        public string? InitialPasswordFile { get; set; }
    }

    public sealed class AuthSettings
    {
        public int PasswordMinLength { get; set; } = 10;

        /// <summary>
        /// Failed sign-ins for one name from one client address after which that name is refused from that address for
        /// <see cref="LockoutMinutes"/> (doubling each further round, up to <see cref="MaxLockoutMinutes"/>). Other
        /// addresses are not affected, so a stranger cannot lock the owner out. Also the wrong current passwords a
        /// signed-in session may give before the account itself is locked for <see cref="LockoutMinutes"/>.
        /// </summary>
        public int LockoutAttempts { get; set; } = 5;
        public double LockoutMinutes { get; set; } = 15;

        /// <summary>The longest refusal the doubling reaches.</summary>
        public double MaxLockoutMinutes { get; set; } = 24 * 60;

        /// <summary>Failed sign-ins from one client address, whatever the names, after which the address is refused.</summary>
        public int AddressAttempts { get; set; } = 50;

        /// <summary>How long a sign-in cookie lasts without use (sliding).</summary>
        public double SessionHours { get; set; } = 8;

        /// <summary>The problems of the settings; empty when they are usable.</summary>
        public IEnumerable<string> Problems()
        {
            if (PasswordMinLength is < 8 or > 128) yield return "ConsultFlow:Auth:PasswordMinLength must be between 8 and 128.";
            if (LockoutAttempts < 1) yield return "ConsultFlow:Auth:LockoutAttempts must be at least 1.";
            if (AddressAttempts < LockoutAttempts) yield return "ConsultFlow:Auth:AddressAttempts must be at least LockoutAttempts.";
            if (LockoutMinutes <= 0) yield return "ConsultFlow:Auth:LockoutMinutes must be positive.";
            if (MaxLockoutMinutes < LockoutMinutes) yield return "ConsultFlow:Auth:MaxLockoutMinutes must be at least LockoutMinutes.";
            if (SessionHours <= 0) yield return "ConsultFlow:Auth:SessionHours must be positive.";
        }
    }
}
