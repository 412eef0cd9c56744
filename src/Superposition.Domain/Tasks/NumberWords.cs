using System.Globalization;
using Humanizer;

namespace Superposition.Tasks;

/// <summary>Cardinal numbers written in words, from Humanizer's maintained converters.</summary>
public static class NumberWords
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    public static string InEnglish(int n) => n.ToWords(English);

    public static string InFrench(int n) => n.ToWords(French);

    public static string InSpanish(int n) => n.ToWords(Spanish);

    public static string InGerman(int n) => n.ToWords(German);

    public static string InChinese(int n) => n.ToWords(Chinese);
}
