namespace QuestionBank.Exercises.Catalog;

/// <summary>
/// An exercise's source file in one language, Sources/&lt;id&gt;/Exercise.cs (or exercise.py), with the part the
/// learner writes marked. Lines between <c>//@ starter</c> and <c>//@ solution</c> (or <c>//@ end</c>) are the
/// starter's alone, lines from <c>//@ solution</c> to <c>//@ end</c> the reference solution's alone, every other
/// line both's; Python files mark them <c>#@ starter</c>, <c>#@ solution</c>, <c>#@ end</c>. The marker lines
/// themselves are in neither.
/// </summary>
internal static class ExerciseSource
{
    private enum Section { Both, Starter, Solution }

    public static string Starter(string marked, string comment = "//") => Keep(marked, Section.Starter, comment + "@");

    public static string Solution(string marked, string comment = "//") => Keep(marked, Section.Solution, comment + "@");

    private static string Keep(string marked, Section wanted, string marker)
    {
        var kept = new System.Text.StringBuilder(marked.Length);
        var section = Section.Both;
        var number = 0;
        foreach (var line in Lines(marked))
        {
            number++;
            var trimmed = line.Trim();
            section = (trimmed.StartsWith(marker, StringComparison.Ordinal) ? trimmed[marker.Length..] : null) switch
            {
                " starter" when section == Section.Both => Section.Starter,
                " solution" when section != Section.Solution => Section.Solution,
                " end" when section != Section.Both => Section.Both,
                not null => throw new FormatException($"Line {number}: '{trimmed}' is no marker here."),
                null => Append(kept, line, section, wanted),
            };
        }

        return section == Section.Both ? kept.ToString() : throw new FormatException($"A marked part has no '{marker} end'.");
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
