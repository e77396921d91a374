// hostile: fills /tmp past its cap and leaves the file behind
// exercise: lstm
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        using var file = File.Create("/tmp/filler");
        var chunk = new byte[1 << 20];
        for (var i = 0; i < 100_000; i++)
        {
            file.Write(chunk);
        }
    }
}
