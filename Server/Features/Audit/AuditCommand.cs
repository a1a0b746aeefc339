namespace ConsultFlow.Server.Features.Audit;

/// <summary><c>dotnet run --project Server -- verify-audit</c>: walks the chain, prints the result, exits 0 when intact.</summary>
public static class AuditCommand
{
    public const string Name = "verify-audit";

    public static Task<int> RunAsync(string[] args, IServiceProvider services) => RunAsync(args, services, Console.Out);

    internal static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        _ = args; // nothing to choose yet; the first argument is the command's own name
        try
        {
            var result = await services.GetRequiredService<AuditChain>().VerifyAsync();
            if (result.Ok)
            {
                await output.WriteLineAsync(result.Message);
                return 0;
            }
            await output.WriteLineAsync($"TAMPERED at row {result.Sequence} ({result.Fault}): {result.Message}");
            await output.WriteLineAsync(result.Count == 0 ? "No row before it is intact." : $"Rows 1 to {result.Count} are intact.");
            return 1;
        }
        catch (Exception ex)
        {
            await output.WriteLineAsync($"The audit record could not be verified: {ex.Message}");
            return 1;
        }
    }
}
