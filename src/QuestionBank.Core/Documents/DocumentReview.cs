namespace QuestionBank.Core.Documents;

/// <summary>Something in a document an admin should look at before importing it; it does not stop the import.</summary>
/// <param name="Line">1-based source line it refers to.</param>
/// <param name="Message">What looks wrong, in words a person understands.</param>
public sealed record DocumentWarning(int Line, ImportMessage Message);

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
            if (!HasAnswer(question))
            {
                warnings.Add(new DocumentWarning(question.Line, ImportMessages.NoAnswer.With(question.Number, question.Title)));
            }

            if (!firstByTitle.TryAdd(question.Title.Trim(), question))
            {
                var first = firstByTitle[question.Title.Trim()];
                warnings.Add(new DocumentWarning(
                    question.Line, ImportMessages.SameTitle.With(question.Number, question.Title, first.Number, first.Line)));
            }

            var empty = question.CodeBlocks.Count(c => string.IsNullOrWhiteSpace(c.Code));
            if (empty > 0)
            {
                warnings.Add(new DocumentWarning(
                    question.Line, empty == 1
                        ? ImportMessages.EmptyCodeBlock.With(question.Number, question.Title)
                        : ImportMessages.EmptyCodeBlocks.With(question.Number, question.Title, empty)));
            }
        }

        return warnings;
    }

    // A body without labels is itself the answer; a labelled body needs a part beyond the prompt.
    private static bool HasAnswer(ParsedQuestion question) => question.Parts.Count == 0
        ? !string.IsNullOrWhiteSpace(question.BodyMarkdown)
        : question.Parts.Any(p => p.Kind != PartKind.Prompt && !string.IsNullOrWhiteSpace(p.Markdown));
}
