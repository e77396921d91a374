// hostile: prints 50 MB of lines through Console
// exercise: lstm
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var line = new string('x', 1023);
        for (var i = 0; i < 50 * 1024; i++)
        {
            Console.WriteLine(line);
        }
    }
}
