using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using ConsultFlow.Activities;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Server;
using ConsultFlow.Server.Features.Activities;
using ConsultFlow.Server.Features.AgencyDirectory;
using ConsultFlow.Server.Features.Attachments;
using ConsultFlow.Server.Features.Cases;
using ConsultFlow.Server.Features.Audit;
using ConsultFlow.Server.Features.Evidence;
using ConsultFlow.Server.Features.Definitions;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Health;
using ConsultFlow.Server.Features.Instances;
using ConsultFlow.Server.Features.Jobs;
using ConsultFlow.Server.Features.Security;
using ConsultFlow.Server.Features.Statistics;
using ConsultFlow.Server.Features.Seeding;
using ConsultFlow.Server.Features.Tasks;
using ConsultFlow.Server.Features.Timers;
using ConsultFlow.Server.Features.Messaging;
using ConsultFlow.Server.Features.Scheduling;
using ConsultFlow.Server.Features.Notifications;
using ConsultFlow.Server.Features.Documents;
using ConsultFlow.Server.Features.WebApp;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

// "verify-evidence FILE.zip" needs no database and no settings: it checks a downloaded evidence package offline.
if (args is [EvidencePackageCheck.Name, ..])
{
    Environment.ExitCode = await EvidencePackageCheck.RunAsync(args, Console.Out);
    return;
}

// "create-admin" and "load-demo" run once after the migrations and exit; everything else starts the server.
var (command, hostArguments) = DirectoryCommand.Parse(args);
var builder = WebApplication.CreateBuilder(hostArguments);
var options = builder.Configuration.GetSection(ConsultFlowOptions.Section).Get<ConsultFlowOptions>() ?? new ConsultFlowOptions();
builder.Services.AddSingleton(options);

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestSizeLimit.MaxBytes);
var persistence = DatabaseOptions(options.Database, builder.Environment.ContentRootPath);
builder.Services.AddConsultFlowPersistence(persistence);
if (options.Limits.Problems().ToList() is { Count: > 0 } limitProblems)
    throw new Microsoft.Extensions.Options.OptionsValidationException("ConsultFlow:Limits", typeof(ConsultFlowOptions.LimitsSettings), limitProblems);
builder.Services.AddConsultFlowEngine(
    ProfileLoader.Load(ShippedFolder.Resolve(options.ProfilesPath, Path.Combine("Workflows", "profiles"), builder.Environment), options.Profile),
    new WorkingDayCalendarOptions(options.CalendarDataPath), options.Limits.ToStepLimits());
builder.Services.AddSingleton<WorkflowSeeder>();
builder.Services.AddSingleton<CaseAccess>();
builder.Services.AddAttachments(options);
builder.AddConsultFlowMessaging();
builder.AddConsultFlowScheduling();

builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
});
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi();

builder.Services.AddConsultFlowIdentity(persistence, options.Auth);
builder.Services.AddConsultFlowForwardedHeaders();
builder.Services.AddOptions<SecurityHeadersOptions>();
// Hangfire's dashboard (administrators only) renders inline styles and scripts: only its pages get them.
builder.Services.Configure<SecurityHeadersOptions>(o => o.PathPolicies["/admin/jobs"] =
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'");
builder.Services.AddDataProtection().SetApplicationName("ConsultFlow").PersistKeysToFileSystem(new DirectoryInfo(
    options.DataProtectionKeysPath ?? Path.Combine(builder.Environment.ContentRootPath, "app-data", "keys")));
builder.Services.AddAudit(AuditOptions.From(builder.Configuration));
builder.Services.AddEvidence(EvidenceOptions.From(builder.Configuration));
builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
    .AddCheck<ServerDatabaseReadyCheck>("directory", tags: ["ready"]);

var app = builder.Build();

await app.Services.MigrateConsultFlowDatabaseAsync();
await app.Services.MigrateServerDatabaseAsync();
await app.Services.MigrateAuditDatabaseAsync();
await app.Services.PrepareMessagingAsync();
await app.Services.PrepareSchedulingAsync();
if (hostArguments is [AuditCommand.Name, ..])
{
    Environment.ExitCode = await AuditCommand.RunAsync(hostArguments, app.Services);
    return;
}
if (command is not null)
{
    Environment.ExitCode = await command.RunAsync(app.Services, Console.In, Console.Out, Console.Error, CancellationToken.None);
    return;
}
await app.Services.GetRequiredService<FirstAdministrator>().EnsureAsync(CancellationToken.None);
if (!string.IsNullOrEmpty(app.Configuration["ConsultFlow:ApiKey"]))
    app.Logger.LogWarning("ConsultFlow:ApiKey is no longer used: an administrator creates API clients with POST /api/api-clients.");
await app.Services.GetRequiredService<WorkflowSeeder>().SeedAsync(CancellationToken.None);

// First, so that the scheme (Secure cookies), the client's address (sign-in throttle) and the headers below see the
// client as the configured proxy reports it.
app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeaders>();
// Problems and engine messages speak the caller's language: Chinese unless the browser (or client) asks for English.
// Only the UI culture changes: formatting of numbers and dates stays invariant.
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new(System.Globalization.CultureInfo.InvariantCulture, new System.Globalization.CultureInfo("zh-CN")),
    SupportedCultures = [System.Globalization.CultureInfo.InvariantCulture],
    SupportedUICultures = [new("zh-CN"), new("en")],
});
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebApp();
app.UseMiddleware<RequestSizeLimit>();
// Before authentication: a forged cross-site request is refused before its cookie is even looked at.
app.UseMiddleware<RequestOriginGate>();
app.UseAuthentication();
app.UseMiddleware<PasswordChangeGate>();
app.UseAuthorization();
// After authorization, so every recorded command names who did it; before the endpoints, so their responses are held
// until the record is in the chain.
app.UseAudit();
app.UseJobsDashboard();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi();
app.MapDefinitionEndpoints();
app.MapInstanceEndpoints();
app.MapTaskEndpoints();
app.MapActivityEndpoints();
app.MapAuthEndpoints();
app.MapAgencyEndpoints();
app.MapUserEndpoints();
app.MapApiClientEndpoints();
app.MapDemoEndpoints();
app.MapAuditEndpoints();
app.MapEvidenceEndpoints();
app.MapCaseEndpoints();
app.MapAttachmentEndpoints();
app.MapStatisticsEndpoints();
app.MapMessagingEndpoints();
app.MapNotificationEndpoints();
app.MapDeliveryEndpoints();
app.MapDocumentEndpoints();
app.MapWebAppFallback();

app.Run();

static PersistenceOptions DatabaseOptions(ConsultFlowOptions.DatabaseSettings database, string contentRoot) =>
    database.Provider.ToLowerInvariant() switch
    {
        "sqlite" when string.IsNullOrWhiteSpace(database.ConnectionString) => PersistenceOptions.SqliteUnder(contentRoot),
        "sqlite" => new PersistenceOptions(PersistenceProvider.Sqlite, database.ConnectionString),
        "postgres" or "postgresql" => new PersistenceOptions(PersistenceProvider.Postgres,
            database.ConnectionString ?? throw new InvalidOperationException("ConsultFlow:Database:ConnectionString is required for PostgreSQL.")),
        var other => throw new InvalidOperationException($"Unknown ConsultFlow:Database:Provider '{other}'; use Sqlite or Postgres."),
    };

/// <summary>Lets the integration tests start the server in memory.</summary>
public partial class Program;
