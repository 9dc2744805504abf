// A `fn` and a `const` declared inside a body, and format strings that name their variables.
use std::collections::VecDeque;

async fn main() {
    const LIMIT: u32 = 3;
    fn double(x: u32) -> u32 {
        x * 2
    }
    let name = "tick";
    let mut total = 0;
    for i in 0..LIMIT {
        total += double(i);
    }
    println!("{name}: {total} (limit {})", LIMIT);
    println!("{} then {name:?}", total);
}
