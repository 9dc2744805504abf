// The lecture's kitchen: a future is a helper that watches one dish and remembers where it is.
// A dish goes on the stove, cooks five minutes on one side, is flipped, and cooks five more.
// The steps are chained with `then`, as the slides write it before async/await: each closure
// receives the meat from the step before and starts the next step.

async fn place_on_stove(meat: String) -> String {
    meat
}

async fn cook_one_side(meat: String) -> String {
    sleep(Duration::from_secs(5 * 60)).await; // @state Cooking
    meat
}

async fn flip(meat: String) -> String {
    meat
}

fn cook_meat(meat: String) -> impl Future<Output = String> {
    place_on_stove(meat)
        .then(|meat| cook_one_side(meat))
        .then(|meat| flip(meat))
        .then(|meat| cook_one_side(meat))
}

async fn dish(name: &'static str) {
    let meat = cook_meat(String::from(name)).await; // @state WaitingOnCookMeat
    println!("{} is done", meat);
}
