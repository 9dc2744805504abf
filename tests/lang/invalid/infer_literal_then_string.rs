// `n` is an integer; assigning a String to it later is a mismatch.
async fn main() {
    let mut n = 0;
    yield_now().await;
    n = String::from("x");
    println!("{}", n);
}
