// hostile: loops forever in a static constructor, before Run is even called
// exercise: lstm
// expect: timeout
// limits: timeout=10
public class Solution
{
    private static readonly long Never = Forever();

    public void Run(ExerciseContext ctx) => Console.WriteLine(Never);

    private static long Forever()
    {
        var x = 0L;
        while (true) { x++; }
    }
}
