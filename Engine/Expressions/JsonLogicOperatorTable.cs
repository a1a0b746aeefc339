using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>Implementation of one operator; <paramref name="args"/> is the raw, unevaluated argument node.</summary>
internal delegate JsonNode? JsonLogicOperatorHandler(JsonLogicInterpreter interpreter, JsonNode? args, JsonLogicScope scope);

/// <summary>What the interpreter and the static validator know about an operator.</summary>
/// <param name="Handler">The implementation.</param>
/// <param name="NeedsArgumentArray">True when the arguments must be a literal array (lazy operators, comparisons).</param>
/// <param name="MinArguments">Fewest arguments accepted when they are given as a literal array.</param>
/// <param name="ArgumentsAreData">True when the arguments are returned verbatim rather than evaluated.</param>
internal sealed record JsonLogicOperatorInfo(JsonLogicOperatorHandler Handler, bool NeedsArgumentArray = false, int MinArguments = 0, bool ArgumentsAreData = false);

/// <summary>The closed set of supported operators. There is deliberately no way to register more at run time.</summary>
internal static class JsonLogicOperatorTable
{
    private static readonly Dictionary<string, JsonLogicOperatorInfo> Operators = new(StringComparer.Ordinal)
    {
        // Data access
        ["var"] = new(DataAccessOperators.Var),
        ["val"] = new(DataAccessOperators.Val),
        ["exists"] = new(DataAccessOperators.Exists),
        ["missing"] = new(DataAccessOperators.Missing),
        ["missing_some"] = new(DataAccessOperators.MissingSome),
        ["preserve"] = new(DataAccessOperators.Preserve, ArgumentsAreData: true),
        ["log"] = new(DataAccessOperators.Log),

        // Logic and control
        ["if"] = new(LogicOperators.If, NeedsArgumentArray: true),
        ["?:"] = new(LogicOperators.If, NeedsArgumentArray: true),
        ["and"] = new(LogicOperators.And, NeedsArgumentArray: true),
        ["or"] = new(LogicOperators.Or, NeedsArgumentArray: true),
        ["!"] = new(LogicOperators.Not),
        ["!!"] = new(LogicOperators.ToBoolean),
        ["??"] = new(LogicOperators.Coalesce),

        // Comparison
        ["=="] = new(ComparisonOperators.LooseEqual, NeedsArgumentArray: true, MinArguments: 2),
        ["!="] = new(ComparisonOperators.LooseNotEqual, NeedsArgumentArray: true, MinArguments: 2),
        ["==="] = new(ComparisonOperators.StrictEqual, NeedsArgumentArray: true, MinArguments: 2),
        ["!=="] = new(ComparisonOperators.StrictNotEqual, NeedsArgumentArray: true, MinArguments: 2),
        ["<"] = new(ComparisonOperators.LessThan, NeedsArgumentArray: true, MinArguments: 2),
        ["<="] = new(ComparisonOperators.LessThanOrEqual, NeedsArgumentArray: true, MinArguments: 2),
        [">"] = new(ComparisonOperators.GreaterThan, NeedsArgumentArray: true, MinArguments: 2),
        [">="] = new(ComparisonOperators.GreaterThanOrEqual, NeedsArgumentArray: true, MinArguments: 2),

        // Arithmetic
        ["+"] = new(ArithmeticOperators.Add),
        ["-"] = new(ArithmeticOperators.Subtract, MinArguments: 1),
        ["*"] = new(ArithmeticOperators.Multiply),
        ["/"] = new(ArithmeticOperators.Divide, MinArguments: 1),
        ["%"] = new(ArithmeticOperators.Modulo, MinArguments: 2),
        ["max"] = new(ArithmeticOperators.Max),
        ["min"] = new(ArithmeticOperators.Min),

        // Strings
        ["cat"] = new(StringOperators.Cat),
        ["substr"] = new(StringOperators.Substr, MinArguments: 1),
        ["in"] = new(StringOperators.In),

        // Arrays and iterators
        ["merge"] = new(ArrayOperators.Merge),
        ["map"] = new(ArrayOperators.Map, NeedsArgumentArray: true, MinArguments: 2),
        ["filter"] = new(ArrayOperators.Filter, NeedsArgumentArray: true, MinArguments: 2),
        ["reduce"] = new(ArrayOperators.Reduce, NeedsArgumentArray: true, MinArguments: 2),
        ["all"] = new(ArrayOperators.All, NeedsArgumentArray: true, MinArguments: 2),
        ["some"] = new(ArrayOperators.Some, NeedsArgumentArray: true, MinArguments: 2),
        ["none"] = new(ArrayOperators.None, NeedsArgumentArray: true, MinArguments: 2),

        // Errors
        ["throw"] = new(ErrorOperators.Throw),
        ["try"] = new(ErrorOperators.Try),
    };

    public static bool TryGet(string name, [NotNullWhen(true)] out JsonLogicOperatorInfo? info) =>
        Operators.TryGetValue(name, out info);
}
