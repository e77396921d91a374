// hostile: exits the process with code 0 in the middle of the run
// exercise: lstm
// expect: failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        ctx.Report(1, ("loss", 0.0));
        Environment.Exit(0);
    }
}
