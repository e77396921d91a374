namespace QuestionBank.Exercises.Catalog;

/// <summary>
/// An exercise's one source file, Sources/&lt;id&gt;/Exercise.cs, with the part the learner writes marked. Lines
/// between <c>//@ starter</c> and <c>//@ solution</c> (or <c>//@ end</c>) are the starter's alone, lines from
/// <c>//@ solution</c> to <c>//@ end</c> the reference solution's alone, every other line both's. The marker
/// lines themselves are in neither.
/// </summary>
internal static class ExerciseSource
{
    private enum Section { Both, Starter, Solution }

    public static string Starter(string marked) => Keep(marked, Section.Starter);

    public static string Solution(string marked) => Keep(marked, Section.Solution);

    private static string Keep(string marked, Section wanted)
    {
        var kept = new System.Text.StringBuilder(marked.Length);
        var section = Section.Both;
        var number = 0;
        foreach (var line in Lines(marked))
        {
            number++;
            section = line.Trim() switch
            {
                "//@ starter" when section == Section.Both => Section.Starter,
                "//@ solution" when section != Section.Solution => Section.Solution,
                "//@ end" when section != Section.Both => Section.Both,
                var text when text.StartsWith("//@", StringComparison.Ordinal) =>
                    throw new FormatException($"Line {number}: '{text}' is no marker here."),
                _ => Append(kept, line, section, wanted),
            };
        }

        return section == Section.Both ? kept.ToString() : throw new FormatException("A marked part has no '//@ end'.");
    }

    private static Section Append(System.Text.StringBuilder kept, string line, Section section, Section wanted)
    {
        if (section == Section.Both || section == wanted)
        {
            kept.Append(line);
        }

        return section;
    }

    /// <summary>The lines with their line breaks, so the derived texts keep the file's bytes.</summary>
    private static IEnumerable<string> Lines(string text)
    {
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            yield return text[start..end];
            start = end;
        }
    }
}
