package thread

// CheckInvariants lets the corpus tests, which load through model and so
// live in package thread_test, check the trees they get.
var CheckInvariants = checkInvariants
