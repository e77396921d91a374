// hostile: writes 50 MB without a single newline to the raw standard output and error
// exercise: lstm
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        using var stdout = Console.OpenStandardOutput();
        using var stderr = Console.OpenStandardError();
        var bytes = new byte[1 << 20];
        Array.Fill(bytes, (byte)'{');
        for (var i = 0; i < 50; i++)
        {
            stdout.Write(bytes);
            stderr.Write(bytes);
        }
    }
}
