namespace QuestionBank.Core.Tests;

/// <summary>The repository's content/ folder: the seeds and the glossary.</summary>
public static class ContentFolder
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "QuestionBank.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "content");
            }
        }

        throw new InvalidOperationException("QuestionBank.sln not found above the test folder.");
    }
}
