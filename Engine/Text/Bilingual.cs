using System.Globalization;

namespace ConsultFlow.Engine.Text;

/// <summary>
/// Messages people read come in Chinese and English; the caller's UI language picks one. The server's request
/// localization sets <see cref="CultureInfo.CurrentUICulture"/> per request (it flows into the engine's steps), so
/// Chinese is said unless English was asked for.
/// </summary>
public static class Bilingual
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Say(string zh, string en) => English ? en : zh;
}
