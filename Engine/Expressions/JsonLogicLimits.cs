namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// Bounds applied to every JSON Logic evaluation so that rules coming from users or workflow
/// definitions can never monopolise the engine.
/// </summary>
/// <param name="MaxDepth">Maximum nesting of operators and literal containers in a rule.</param>
/// <param name="MaxRuleNodes">Maximum number of JSON nodes (of any kind) in a rule.</param>
/// <param name="MaxOperations">Maximum operator evaluations, iterations of map/filter/reduce/all/some/none included.</param>
/// <param name="Timeout">Wall-clock budget of one evaluation; <c>null</c> means <see cref="DefaultTimeout"/>,
/// a negative value (e.g. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>) disables the clock.</param>
public sealed record JsonLogicLimits(
    int MaxDepth = 64,
    int MaxRuleNodes = 10_000,
    long MaxOperations = 1_000_000,
    TimeSpan? Timeout = null)
{
    public static JsonLogicLimits Default { get; } = new();

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(1);

    public TimeSpan EffectiveTimeout => Timeout ?? DefaultTimeout;
}
