namespace QuestionBank.Web.Apis;

/// <summary>Paging bounds shared by the API and the pages; the request records validate against them.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxPage = 10_000;
    public const int MaxQueryLength = 200;
}
