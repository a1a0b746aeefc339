using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsultFlow.Engine.Expressions;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ConsultFlow.Engine.Tests.Expressions;

/// <summary>
/// Runs the JSON Logic community conformance suites (json-logic/compat-tables). The suites live
/// outside the repository (shared/jsonlogic-suites next to the clone, or the folder named by
/// CONSULTFLOW_JSONLOGIC_SUITES); when they cannot be found this test fails rather than passing silently.
/// </summary>
public sealed class JsonLogicConformanceTests(ITestOutputHelper output)
{
    private const string SuitesVariable = "CONSULTFLOW_JSONLOGIC_SUITES";
    private const int ExpectedCaseCount = 1138;

    /// <summary>
    /// Cases we knowingly fail, with the reason. The test also fails if one of these starts passing,
    /// so the list cannot go stale.
    /// </summary>
    private static readonly Deviation[] Deviations = [];

    [Fact]
    public void Evaluator_passes_the_community_conformance_suites()
    {
        var suites = LocateSuites();
        var evaluator = new JsonLogicEvaluator();
        var total = 0;
        var passed = 0;
        var unexpected = new List<string>();
        var stillFailingDeviations = new HashSet<Deviation>();

        foreach (var file in ReadArray(Path.Combine(suites, "index.json")).Select(f => f!.GetValue<string>()))
        {
            foreach (var item in ReadArray(Path.Combine(suites, file)))
            {
                if (item is not JsonObject testCase)
                {
                    continue; // A string item is a section heading.
                }

                total++;
                var description = testCase["description"]?.GetValue<string>() ?? "(no description)";
                var failure = Run(evaluator, testCase);
                if (failure is null)
                {
                    passed++;
                    continue;
                }

                var deviation = Deviations.FirstOrDefault(d => d.File == file && d.Description == description);
                if (deviation is not null)
                {
                    stillFailingDeviations.Add(deviation);
                    continue;
                }

                unexpected.Add(
                    $"[{file}] {description}\n    rule:     {testCase["rule"]?.ToJsonString() ?? "null"}\n" +
                    $"    data:     {testCase["data"]?.ToJsonString() ?? "null"}\n{failure}");
            }
        }

        var summary = $"jsonlogic conformance: {passed}/{total} passed";
        output.WriteLine(summary);
        Console.WriteLine(summary);

        total.Should().Be(ExpectedCaseCount, "index.json lists 48 files holding 1138 cases");
        if (unexpected.Count > 0)
        {
            throw new XunitException(
                $"{unexpected.Count} case(s) failed that are not listed in Deviations:\n{string.Join("\n", unexpected)}");
        }

        Deviations.Where(d => !stillFailingDeviations.Contains(d)).Should().BeEmpty(
            "a listed deviation that passes (or no longer exists) must be removed from the list");
    }

    /// <returns>null when the case passes, otherwise a description of expected versus actual.</returns>
    private static string? Run(JsonLogicEvaluator evaluator, JsonObject testCase)
    {
        var expectsError = testCase.TryGetPropertyValue("error", out var expectedError);
        var expected = expectsError ? expectedError : testCase["result"];
        JsonNode? actual;
        try
        {
            actual = evaluator.Evaluate(testCase["rule"], testCase["data"]);
        }
        catch (JsonLogicException error)
        {
            if (expectsError && ErrorMatches(error, expectedError))
            {
                return null;
            }

            return Mismatch(expectsError ? $"error {expectedError?.ToJsonString()}" : expected?.ToJsonString() ?? "null",
                $"error {{\"type\":\"{error.ErrorType}\"}} thrown={error.Thrown?.ToJsonString() ?? "null"} ({error.Message})");
        }
        catch (Exception error)
        {
            return Mismatch(expected?.ToJsonString() ?? "null", $"unexpected {error.GetType().Name}: {error.Message}");
        }

        if (expectsError)
        {
            return Mismatch($"error {expectedError?.ToJsonString()}", actual?.ToJsonString() ?? "null");
        }

        return JsonEquivalent(expected, actual) ? null : Mismatch(expected?.ToJsonString() ?? "null", actual?.ToJsonString() ?? "null");
    }

    private static bool ErrorMatches(JsonLogicException error, JsonNode? expectedError)
    {
        var expectedType = expectedError?["type"];
        var typeMatches = expectedType is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? error.ErrorType == value.GetValue<string>()
            : error.Thrown is JsonObject thrown && JsonEquivalent(thrown["type"], expectedType);

        // When a rule threw an error object, the object itself must come through unchanged.
        return typeMatches && (error.Thrown is not JsonObject thrownObject || JsonEquivalent(thrownObject, expectedError));
    }

    private static string Mismatch(string expected, string actual) =>
        $"    expected: {expected}\n    actual:   {actual}";

    /// <summary>JSON deep equality with numbers compared by value (1 equals 1.0).</summary>
    private static bool JsonEquivalent(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonArray left, JsonArray right):
                return left.Count == right.Count && left.Zip(right).All(pair => JsonEquivalent(pair.First, pair.Second));
            case (JsonObject left, JsonObject right):
                return left.Count == right.Count
                    && left.All(p => right.TryGetPropertyValue(p.Key, out var other) && JsonEquivalent(p.Value, other));
            case (JsonValue left, JsonValue right):
                var kind = left.GetValueKind();
                if (kind != right.GetValueKind())
                {
                    return false;
                }

                return kind == JsonValueKind.Number
                    ? NumbersEqual(left.ToJsonString(), right.ToJsonString())
                    : left.ToJsonString() == right.ToJsonString();
            default:
                return false;
        }
    }

    private static bool NumbersEqual(string a, string b)
    {
        const NumberStyles style = NumberStyles.Float;
        if (decimal.TryParse(a, style, CultureInfo.InvariantCulture, out var da)
            && decimal.TryParse(b, style, CultureInfo.InvariantCulture, out var db))
        {
            return da == db;
        }

        return double.Parse(a, style, CultureInfo.InvariantCulture) == double.Parse(b, style, CultureInfo.InvariantCulture);
    }

    private static JsonArray ReadArray(string path) =>
        JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8))?.AsArray()
        ?? throw new XunitException($"{path} does not hold a JSON array.");

    private static string LocateSuites()
    {
        var configured = Environment.GetEnvironmentVariable(SuitesVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "index.json"))
                ? configured
                : throw new XunitException($"{SuitesVariable} is set to '{configured}', which has no index.json.");
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "jsonlogic-suites");
            if (File.Exists(Path.Combine(candidate, "index.json")))
            {
                return candidate;
            }
        }

        throw new XunitException(
            "JSON Logic conformance suites not found: no 'shared/jsonlogic-suites/index.json' above "
            + $"'{AppContext.BaseDirectory}'. Place the suites beside the repository clone or set {SuitesVariable}.");
    }

    private sealed record Deviation(string File, string Description, string Reason);
}
