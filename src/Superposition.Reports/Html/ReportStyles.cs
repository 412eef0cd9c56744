namespace Superposition.Reports.Html;

/// <summary>The pages' inline style sheet (no external resources).</summary>
internal static class ReportStyles
{
    public const string Css = """
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #222; background: #fff; margin: 0; }
        main { max-width: 1560px; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
        h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
        .meta { color: #555; margin-top: 0; }
        table { border-collapse: collapse; margin: .8rem 0; font-size: .9rem; max-width: 100%; }
        th, td { border: 1px solid #ccc; padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #f3f5f8; overflow-wrap: normal; } td.n { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
        .num { white-space: nowrap; }
        .ci { color: #666; font-size: .85em; display: block; }
        figure { margin: 1.2rem 0; } figure img, figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #333; max-width: 80ch; margin-top: .4rem; line-height: 1.45; }
        .read { background: #f7f9fb; border-left: 4px solid #0072B2; padding: .6rem 1rem; max-width: 90ch; line-height: 1.5; }
        .beside { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; } .beside figure { flex: 1 1 600px; margin-top: 0; }
        code { background: #f1f1f1; padding: 0 .2em; }
        @media (max-width: 1200px) { main { padding: 1rem 1rem 2rem; } table { font-size: .82rem; } th, td { padding: .25rem .35rem; } }
        """;
}
