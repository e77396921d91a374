namespace QuestionBank.Core.Documents;

/// <summary>Something in a document an admin should look at before importing it; it does not stop the import.</summary>
/// <param name="Line">1-based source line it refers to.</param>
/// <param name="Message">What looks wrong, in words a person understands.</param>
public sealed record DocumentWarning(int Line, string Message);

/// <summary>Reviews a parsed document for likely authoring mistakes.</summary>
public static class DocumentReview
{
    /// <summary>Warnings in source order: questions without an answer, repeated titles and empty code blocks.</summary>
    public static IReadOnlyList<DocumentWarning> Review(ParsedDocument document)
    {
        var warnings = new List<DocumentWarning>();
        var firstByTitle = new Dictionary<string, ParsedQuestion>(StringComparer.Ordinal);
        foreach (var question in document.Questions)
        {
            var name = $"Question {question.Number} “{question.Title}”";
            if (!HasAnswer(question))
            {
                warnings.Add(new DocumentWarning(question.Line, $"{name} has no answer."));
            }

            if (!firstByTitle.TryAdd(question.Title.Trim(), question))
            {
                var first = firstByTitle[question.Title.Trim()];
                warnings.Add(new DocumentWarning(
                    question.Line, $"{name} has the same title as question {first.Number} (line {first.Line})."));
            }

            var empty = question.CodeBlocks.Count(c => string.IsNullOrWhiteSpace(c.Code));
            if (empty > 0)
            {
                warnings.Add(new DocumentWarning(
                    question.Line, $"{name} has {(empty == 1 ? "an empty code block" : $"{empty} empty code blocks")}."));
            }
        }

        return warnings;
    }

    // A body without labels is itself the answer; a labelled body needs a part beyond the prompt.
    private static bool HasAnswer(ParsedQuestion question) => question.Parts.Count == 0
        ? !string.IsNullOrWhiteSpace(question.BodyMarkdown)
        : question.Parts.Any(p => p.Kind != PartKind.Prompt && !string.IsNullOrWhiteSpace(p.Markdown));
}
