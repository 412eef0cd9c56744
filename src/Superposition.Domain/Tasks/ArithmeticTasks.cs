using System.Globalization;

namespace Superposition.Tasks;

/// <summary>
/// The arithmetic families: addition answered in digits and in five languages' words ("A+B->words"), the
/// "A@B=answer" tasks (copy A, copy B, A+B), and the single-number tasks (x, -x, x+1, x-1, 2x, x²).
/// </summary>
internal static class ArithmeticTasks
{
    private const int TwoDigitMin = 10;
    private const int TwoDigitMax = 99;

    public static IEnumerable<TaskDefinition> Addition()
    {
        var family = new TaskFamily("addition", "->", Pairs("+"), examplesRepeatQuestions: false);
        yield return new("addition.digits", family, "23+45->68", q => Text(Sum(q, '+')));
        yield return new("addition.english", family, "23+45->sixty-eight", q => NumberWords.InEnglish(Sum(q, '+')));
        yield return new("addition.french", family, "23+45->soixante-huit", q => NumberWords.InFrench(Sum(q, '+')));
        yield return new("addition.spanish", family, "23+45->sesenta y ocho", q => NumberWords.InSpanish(Sum(q, '+')));
        yield return new("addition.german", family, "23+45->achtundsechzig", q => NumberWords.InGerman(Sum(q, '+')));
        yield return new("addition.chinese", family, "23+45->六十八", q => NumberWords.InChinese(Sum(q, '+')));
    }

    public static IEnumerable<TaskDefinition> AtPairs()
    {
        var family = new TaskFamily("ab", "=", Pairs("@"), examplesRepeatQuestions: false);
        yield return new("ab.copy-a", family, "23@45=23", q => Text(Operands(q, '@').A));
        yield return new("ab.copy-b", family, "23@45=45", q => Text(Operands(q, '@').B));
        yield return new("ab.sum", family, "23@45=68", q => Text(Sum(q, '@')));
    }

    public static IEnumerable<TaskDefinition> Numbers()
    {
        // As the authors' generator: examples draw x from 3..9 without 5 (get_randint), with replacement since six
        // questions cannot fill a prompt, and the final question is always 5 (question_num), so never an example's.
        int[] xs = [3, 4, 6, 7, 8, 9];
        var family = new TaskFamily("number", "->", xs.Select(Text).ToArray(), examplesRepeatQuestions: true, heldOutQuestions: [Text(5)]);
        yield return new("number.identity", family, "7->7", q => Text(X(q)));
        yield return new("number.negate", family, "7->-7", q => Text(-X(q)));
        yield return new("number.increment", family, "7->8", q => Text(X(q) + 1));
        yield return new("number.decrement", family, "7->6", q => Text(X(q) - 1));
        yield return new("number.double", family, "7->14", q => Text(2 * X(q)));
        yield return new("number.square", family, "7->49", q => Text(X(q) * X(q)));
    }

    private static string[] Pairs(string op)
    {
        var questions = new List<string>((TwoDigitMax - TwoDigitMin + 1) * (TwoDigitMax - TwoDigitMin + 1));
        for (var a = TwoDigitMin; a <= TwoDigitMax; a++)
        {
            for (var b = TwoDigitMin; b <= TwoDigitMax; b++)
            {
                questions.Add(Text(a) + op + Text(b));
            }
        }

        return [.. questions];
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static int X(string question) =>
        int.TryParse(question, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x)
            ? x
            : throw new ArgumentException($"'{question}' is not a number question.", nameof(question));

    private static int Sum(string question, char op)
    {
        var (a, b) = Operands(question, op);
        return a + b;
    }

    private static (int A, int B) Operands(string question, char op)
    {
        var parts = question.Split(op);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b))
        {
            return (a, b);
        }

        throw new ArgumentException($"'{question}' is not of the form A{op}B.", nameof(question));
    }
}
