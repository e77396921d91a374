// hostile: starts a shell to run commands on the host
// exercise: lstm
// expect: compile_error, failed
public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        using var shell = System.Diagnostics.Process.Start("/bin/sh", "-c \"id > /tmp/owned\"");
        shell.WaitForExit();
        Console.WriteLine("started");
    }
}
