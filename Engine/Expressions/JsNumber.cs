using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConsultFlow.Engine.Expressions;

/// <summary>
/// A JSON Logic number. It stays in <see cref="decimal"/> while the operands allow it, so business
/// arithmetic is exact (0.1 + 0.2 == 0.3, as the suites' "decimal" cases expect), and falls back
/// to <see cref="double"/> for magnitudes or precisions decimal cannot hold.
/// </summary>
internal readonly struct JsNumber
{
    // 2^53: beyond it doubles stop being exact integers, so we no longer print them as such.
    private const double MaxSafeInteger = 9007199254740992d;

    private readonly decimal _decimal;
    private readonly double _double;

    private JsNumber(decimal value)
    {
        _decimal = value;
        _double = 0;
        IsDecimal = true;
    }

    private JsNumber(double value)
    {
        _decimal = 0;
        _double = value;
        IsDecimal = false;
    }

    public static JsNumber Zero => new(0m);

    public static JsNumber One => new(1m);

    public static JsNumber NaN => new(double.NaN);

    public bool IsDecimal { get; }

    public bool IsNaN => !IsDecimal && double.IsNaN(_double);

    public bool IsZero => IsDecimal ? _decimal == 0m : _double == 0d;

    public double AsDouble => IsDecimal ? (double)_decimal : _double;

    public static JsNumber FromDecimal(decimal value) => new(value);

    public static JsNumber FromDouble(double value)
    {
        // Go through the shortest round-trip text so a double like 0.1 becomes exactly 0.1m.
        if (double.IsFinite(value) && Math.Abs(value) < 7.9e28)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            if (TryParseDecimal(text, out var exact))
            {
                return new(exact);
            }
        }

        return new(value);
    }

    public static JsNumber FromInteger(long value) => new((decimal)value);

    /// <summary>Reads a JSON number whatever CLR type backs the <see cref="JsonValue"/>.</summary>
    public static JsNumber Read(JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            return element.ValueKind == JsonValueKind.Number ? FromText(element.GetRawText()) : NaN;
        }

        if (value.TryGetValue(out decimal m))
        {
            return new(m);
        }

        if (value.TryGetValue(out double d))
        {
            return FromDouble(d);
        }

        if (value.TryGetValue(out long l))
        {
            return new((decimal)l);
        }

        if (value.TryGetValue(out int i))
        {
            return new((decimal)i);
        }

        // Rare backing types (float, short, ulong, ...): their JSON text is the common denominator.
        return FromText(value.ToJsonString());
    }

    /// <summary>JavaScript's Number(string): trims, "" is 0, accepts decimal/exponent and 0x/0o/0b forms.</summary>
    public static JsNumber ParseJs(string text)
    {
        var s = text.Trim();
        if (s.Length == 0)
        {
            return Zero;
        }

        if (s.Length > 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'x' or 'o' or 'b')
        {
            return ParseRadix(s[2..], char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, _ => 2 });
        }

        var unsigned = s[0] is '+' or '-' ? s[1..] : s;
        if (unsigned == "Infinity")
        {
            return new(s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity);
        }

        return IsJsDecimalLiteral(s) ? FromText(s) : NaN;
    }

    public static JsNumber Add(JsNumber a, JsNumber b)
    {
        if (a.IsDecimal && b.IsDecimal)
        {
            try
            {
                return new(a._decimal + b._decimal);
            }
            catch (OverflowException)
            {
                // Falls through to double, like JavaScript would compute it.
            }
        }

        return new(a.AsDouble + b.AsDouble);
    }

    public static JsNumber Subtract(JsNumber a, JsNumber b) => Add(a, b.Negate());

    public static JsNumber Multiply(JsNumber a, JsNumber b)
    {
        if (a.IsDecimal && b.IsDecimal)
        {
            try
            {
                return new(a._decimal * b._decimal);
            }
            catch (OverflowException)
            {
                // Falls through to double.
            }
        }

        return new(a.AsDouble * b.AsDouble);
    }

    /// <summary>Division; a zero divisor yields NaN, which the suites report as a "NaN" error.</summary>
    public static JsNumber Divide(JsNumber a, JsNumber b)
    {
        if (b.IsZero || a.IsNaN || b.IsNaN)
        {
            return NaN;
        }

        if (a.IsDecimal && b.IsDecimal)
        {
            try
            {
                return new(a._decimal / b._decimal);
            }
            catch (OverflowException)
            {
                // Falls through to double.
            }
        }

        return new(a.AsDouble / b.AsDouble);
    }

    /// <summary>Remainder with the dividend's sign, as in JavaScript.</summary>
    public static JsNumber Remainder(JsNumber a, JsNumber b)
    {
        if (b.IsZero || a.IsNaN || b.IsNaN)
        {
            return NaN;
        }

        return a.IsDecimal && b.IsDecimal ? new(a._decimal % b._decimal) : new(a.AsDouble % b.AsDouble);
    }

    public JsNumber Negate() => IsDecimal ? new(-_decimal) : new(-_double);

    /// <summary>Orders two non-NaN numbers.</summary>
    public static int Compare(JsNumber a, JsNumber b) =>
        a.IsDecimal && b.IsDecimal ? decimal.Compare(a._decimal, b._decimal) : a.AsDouble.CompareTo(b.AsDouble);

    public static bool NumericEquals(JsNumber a, JsNumber b) =>
        !a.IsNaN && !b.IsNaN && Compare(a, b) == 0;

    /// <summary>Truncates toward zero and clamps into the int range, for indexes and lengths.</summary>
    public int ToClampedInt()
    {
        if (IsDecimal)
        {
            var t = decimal.Truncate(_decimal);
            return t > int.MaxValue ? int.MaxValue : t < int.MinValue ? int.MinValue : (int)t;
        }

        if (double.IsNaN(_double))
        {
            return 0;
        }

        var td = Math.Truncate(_double);
        return td > int.MaxValue ? int.MaxValue : td < int.MinValue ? int.MinValue : (int)td;
    }

    /// <summary>
    /// Materialises the number as JSON. Integral values come out as integers (so 4/2 prints "2"),
    /// and non-finite results raise "NaN" because JSON cannot carry them.
    /// </summary>
    public JsonNode ToJsonNode()
    {
        if (IsDecimal)
        {
            if (_decimal == decimal.Truncate(_decimal) && _decimal >= long.MinValue && _decimal <= long.MaxValue)
            {
                return JsonValue.Create((long)_decimal);
            }

            return JsonValue.Create(Normalize(_decimal));
        }

        if (!double.IsFinite(_double))
        {
            throw JsonLogicException.NaN("Arithmetic result is not a finite number.");
        }

        if (_double == Math.Truncate(_double) && Math.Abs(_double) <= MaxSafeInteger)
        {
            return JsonValue.Create((long)_double);
        }

        return JsonValue.Create(_double);
    }

    /// <summary>JavaScript's Number#toString, close enough for cat/substr/keys.</summary>
    public string ToJsString()
    {
        if (IsDecimal)
        {
            return Normalize(_decimal).ToString(CultureInfo.InvariantCulture);
        }

        if (double.IsNaN(_double))
        {
            return "NaN";
        }

        if (double.IsInfinity(_double))
        {
            return _double > 0 ? "Infinity" : "-Infinity";
        }

        if (_double == 0)
        {
            return "0";
        }

        var text = _double.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        var magnitude = Math.Abs(_double);
        if (magnitude >= 1e-7 && magnitude < 1e21 && TryParseDecimal(text, out var plain))
        {
            // JavaScript only switches to exponent notation outside [1e-7, 1e21).
            return Normalize(plain).ToString(CultureInfo.InvariantCulture);
        }

        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return $"{text[..e]}e{(exponent >= 0 ? "+" : "-")}{Math.Abs(exponent).ToString(CultureInfo.InvariantCulture)}";
    }

    // Dividing by 1.000... with many zeros is the standard way to drop a decimal's trailing zeros.
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static JsNumber FromText(string text)
    {
        if (TryParseDecimal(text, out var m))
        {
            return new(m);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? new(d) : NaN;
    }

    private static bool TryParseDecimal(string text, out decimal value)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        // decimal silently rounds tiny magnitudes to zero; keep those in double instead.
        if (value == 0m)
        {
            foreach (var c in text)
            {
                if (c is 'e' or 'E')
                {
                    break;
                }

                if (c is >= '1' and <= '9')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static JsNumber ParseRadix(string digits, int radix)
    {
        double result = 0;
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return NaN;
            }

            result = (result * radix) + digit;
        }

        return FromDouble(result);
    }

    // [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?  -- what JavaScript accepts, nothing more.
    private static bool IsJsDecimalLiteral(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        var intDigits = CountDigits(s, ref i);
        var fracDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            fracDigits = CountDigits(s, ref i);
        }

        if (intDigits + fracDigits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static int CountDigits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i - start;
    }
}
