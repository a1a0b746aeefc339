using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using ConsultFlow.Activities;
using ConsultFlow.Engine.Calendar;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Server;
using ConsultFlow.Server.Features.Activities;
using ConsultFlow.Server.Features.Definitions;
using ConsultFlow.Server.Features.Errors;
using ConsultFlow.Server.Features.Health;
using ConsultFlow.Server.Features.Instances;
using ConsultFlow.Server.Features.Security;
using ConsultFlow.Server.Features.Seeding;
using ConsultFlow.Server.Features.Tasks;
using ConsultFlow.Server.Features.Timers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection(ConsultFlowOptions.Section).Get<ConsultFlowOptions>() ?? new ConsultFlowOptions();
builder.Services.AddSingleton(options);

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestSizeLimit.MaxBytes);
builder.Services.AddConsultFlowPersistence(DatabaseOptions(options.Database, builder.Environment.ContentRootPath));
builder.Services.AddConsultFlowEngine(
    ProfileLoader.Load(ShippedFolder.Resolve(options.ProfilesPath, Path.Combine("Workflows", "profiles"), builder.Environment), options.Profile),
    new WorkingDayCalendarOptions(options.CalendarDataPath));
builder.Services.AddSingleton<WorkflowSeeder>();
builder.Services.AddHostedService<TimerPoller>();

builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
});
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi();

builder.Services.AddSingleton<ApiKeyStore>();
builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization(auth => auth.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

var app = builder.Build();

await app.Services.MigrateConsultFlowDatabaseAsync();
await app.Services.GetRequiredService<WorkflowSeeder>().SeedAsync(CancellationToken.None);
_ = app.Services.GetRequiredService<ApiKeyStore>();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestSizeLimit>();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi();
app.MapDefinitionEndpoints();
app.MapInstanceEndpoints();
app.MapTaskEndpoints();
app.MapActivityEndpoints();

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
