// hostile: floods the raw standard output for 20 s with lines that start with a brace (1 MB each, some shaped like protocol messages with guessed tokens) for the worker to parse
// exercise: lstm
// expect: failed
// limits: timeout=60
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var junk = System.Text.Encoding.UTF8.GetBytes("{" + new string('x', 1024 * 1024) + "\n");
        var guessed = System.Text.Encoding.UTF8.GetBytes("{\"token\":\"00000000000000000000000000000000\",\"type\":\"progress\",\"metrics\":{\"" + new string('n', 1024 * 1024) + "\":1}}\n");
        using var raw = Console.OpenStandardOutput();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(20); i++)
        {
            raw.Write(i % 2 == 0 ? junk : guessed);
        }
    }
}
