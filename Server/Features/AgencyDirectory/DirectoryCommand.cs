using System.Text;
using ConsultFlow.Engine.Runtime;
using ConsultFlow.Server.Features.Security;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>
/// The server's one-shot commands, run after the migrations instead of serving:
/// <c>create-admin --user NAME [--agency CODE]</c> (password from CONSULTFLOW_ADMIN_PASSWORD or standard input) and
/// <c>load-demo</c> (one password for all demo users from CONSULTFLOW_DEMO_PASSWORD, else a random one each, printed
/// once). Passwords never come from the command line, where other users of the machine could read them.
/// </summary>
public sealed class DirectoryCommand
{
    public const string AdminPasswordVariable = "CONSULTFLOW_ADMIN_PASSWORD";
    public const string DemoPasswordVariable = "CONSULTFLOW_DEMO_PASSWORD";

    private static readonly string[] OwnOptions = ["--user", "--agency"];

    private DirectoryCommand(string name, Dictionary<string, string> options)
    {
        Name = name;
        Options = options;
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>Splits a command and its options off the arguments; the rest (e.g. --ConsultFlow:Database:Provider=…) go to the host.</summary>
    public static (DirectoryCommand? Command, string[] HostArguments) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("create-admin" or "load-demo")) return (null, args);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (OwnOptions.Contains(args[i]) && i + 1 < args.Length) options[args[i][2..]] = args[++i];
            else rest.Add(args[i]);
        }
        return (new DirectoryCommand(args[0], options), rest.ToArray());
    }

    public async Task<int> RunAsync(IServiceProvider services, TextReader input, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<DirectoryAdministration>();
        try
        {
            return Name == "create-admin"
                ? await CreateAdminAsync(directory, input, output, error, ct)
                : await LoadDemoAsync(scope.ServiceProvider.GetRequiredService<DemoDataLoader>(), output, ct);
        }
        catch (EngineException e)
        {
            await error.WriteLineAsync($"{e.Message} {string.Join(" ", e.Errors.Select(f => $"{f.Field}: {f.Message}"))}");
            return 1;
        }
    }

    private async Task<int> CreateAdminAsync(DirectoryAdministration directory, TextReader input, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!Options.TryGetValue("user", out var user) || string.IsNullOrWhiteSpace(user))
        {
            await error.WriteLineAsync("Usage: create-admin --user NAME [--agency CODE]   (password from " + AdminPasswordVariable + " or standard input)");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable(AdminPasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            // At a terminal the password is typed without echo; otherwise (a pipe, a test) it is the first line.
            var terminal = ReferenceEquals(input, Console.In) && !Console.IsInputRedirected;
            if (terminal) await output.WriteAsync($"Password for {user}: ");
            password = terminal ? ReadHidden() : await input.ReadLineAsync(ct);
        }
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("No password: set " + AdminPasswordVariable + " or pipe it to standard input.");
            return 2;
        }
        var created = await FirstAdministrator.CreateAsync(directory, user.Trim(), Options.GetValueOrDefault("agency"), password, mustChangePassword: false, ct);
        await output.WriteLineAsync($"Created administrator {created.UserName} ({created.Id}) in agency {created.Agency}.");
        return 0;
    }

    private static async Task<int> LoadDemoAsync(DemoDataLoader loader, TextWriter output, CancellationToken ct)
    {
        var password = Environment.GetEnvironmentVariable(DemoPasswordVariable);
        var result = await loader.LoadAsync(string.IsNullOrEmpty(password) ? null : password, ct);
        await output.WriteLineAsync($"Demo district {DemoDistrict.Region}: {result.AgenciesCreated} agencies and {result.UsersCreated} users created.");
        if (result.Accounts.Count > 0 && string.IsNullOrEmpty(password))
            await output.WriteLineAsync("Their passwords are shown only this once:");
        foreach (var a in result.Accounts)
            await output.WriteLineAsync($"  {a.UserName,-20} {a.Role,-14} {(string.IsNullOrEmpty(password) ? a.Password : "(" + DemoPasswordVariable + ")"),-16} {a.DisplayName}");
        return 0;
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string ReadHidden()
    {
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.WriteLine();
        return text.ToString();
    }
}
