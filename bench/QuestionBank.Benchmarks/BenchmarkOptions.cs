namespace QuestionBank.Benchmarks;

public sealed record BenchmarkOptions(int Questions, int Requests, int Concurrency)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchmarkOptions(Value("--questions", 20_000), Value("--requests", 3_000), Value("--concurrency", 4));
    }

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QuestionBank.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("QuestionBank.sln not found above the benchmark.");
    }
}
