// A `let` without a value, assigned exactly once on every path.
async fn main() {
    let n = 7;
    let parity: &str;
    if n % 2 == 0 {
        parity = "even";
    } else {
        parity = "odd";
    }
    println!("{} is {}", n, parity);
}
