// The parameter's type does not resolve; the body's `for` over it must not reach the lowering
// (found by fuzzing: it crashed IR lowering, which took the iterator's item type from it).
async fn sum(xs: Ves<i32>) -> i32 {
    let mut total = 0;
    for x in xs.iter() {
        total += *x;
    }
    total
}

async fn main() {
    println!("{}", sum(vec![1, 2, 3]).await);
}
