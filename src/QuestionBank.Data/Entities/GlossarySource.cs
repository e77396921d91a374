namespace QuestionBank.Data.Entities;

/// <summary>The imported glossary file (one at a time); search parses its terms from the markdown.</summary>
public sealed class GlossarySource : ImportedMarkdown
{
    public long Id { get; set; }
}
