// Nothing fixes `n`'s type: it defaults to i32 at the end of the body (4 bytes in the state).
async fn main() {
    let n = 40;
    yield_now().await;
    println!("{}", n + 2);
}
