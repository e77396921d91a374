// hostile: reaches the runner's protocol writer through dynamic and sends a result itself
// exercise: cnn
// expect: compile_error
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        dynamic context = ctx;
        dynamic reporter = context.reporter;
        reporter.Send(new { Type = "result", Status = "succeeded" });
        object o = ctx;
        var field = o.GetType().GetField("reporter", (System.Reflection.BindingFlags)36);
        Console.WriteLine(field);
    }
}
