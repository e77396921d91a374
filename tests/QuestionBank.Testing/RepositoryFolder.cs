namespace QuestionBank.Testing;

/// <summary>The folder of the repository the tests were built from: the first above them that holds QuestionBank.sln.</summary>
public static class RepositoryFolder
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "QuestionBank.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("QuestionBank.sln not found above the test folder.");
    }
}
