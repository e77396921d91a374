// hostile: submits a forecaster that answers NaN and infinities
// exercise: lstm
// expect: failed
// module: NotANumber
return full(input.shape[0], 1, float.NaN);
