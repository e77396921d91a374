namespace QuestionBank.Data.Entities;

/// <summary>A word the search index holds (Latin word, code identifier or CJK bigram) and how many questions hold it: the typo corrector's vocabulary and the terms' weights.</summary>
public sealed class SearchWord
{
    public required string Word { get; set; }

    public int Questions { get; set; }
}
