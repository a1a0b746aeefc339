using ConsultFlow.AgencySystem;
using ConsultFlow.Contracts.V1;
using MassTransit;

// A stand-in for an agency's own system (the public-security system by default): consumes its queue
// consultflow.agency.<code> and answers each referral with a signed receipt. Stops on SIGTERM / Ctrl+C.
var settings = AgencySettings.FromEnvironment();
var log = new ReceivedLog(settings.LogFile);
var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
{
    rabbit.Host(settings.Host, settings.Port, settings.VirtualHost, $"agency-system:{settings.Agency}", host =>
    {
        host.Username(settings.UserName);
        host.Password(settings.Password);
    });
    rabbit.ReceiveEndpoint(Queues.Agency(settings.Agency), endpoint =>
    {
        endpoint.ConfigureConsumeTopology = false;
        endpoint.UseMessageRetry(retry => retry.Interval(5, TimeSpan.FromMilliseconds(500)));
        endpoint.Consumer(() => new ReferralConsumer(settings, log, TimeProvider.System));
    });
});

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
await bus.StartAsync(TimeSpan.FromSeconds(60));
Console.WriteLine($"ready: agency {settings.Agency} on {Queues.Agency(settings.Agency)}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Stopping.
}
await bus.StopAsync(TimeSpan.FromSeconds(10));
