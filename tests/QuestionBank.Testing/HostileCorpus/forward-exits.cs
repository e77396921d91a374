// hostile: the generator kills its own process when the judge asks for samples
// exercise: gan
// expect: failed
// module: Quitter
Environment.Exit(0);
return input;
