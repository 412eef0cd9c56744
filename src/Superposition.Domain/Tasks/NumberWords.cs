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

    /// <summary>
    /// Humanizer writes 110 as 一百十; written Chinese keeps the 一 before 十 after a hundred (一百一十), as the
    /// authors' <c>zh_dict</c> and Humanizer itself for 111..119 do.
    /// </summary>
    public static string InChinese(int n) => n.ToWords(Chinese).Replace("百十", "百一十", StringComparison.Ordinal);
}
