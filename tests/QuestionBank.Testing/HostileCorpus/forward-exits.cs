// hostile: the generator kills its own process when the judge asks for samples
// exercise: gan
// expect: failed
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx) => ctx.Submit(new Quitter());
}

public class Quitter : Module<Tensor, Tensor>
{
    public Quitter() : base(nameof(Quitter)) { }

    public override Tensor forward(Tensor input)
    {
        Environment.Exit(0);
        return input;
    }
}
