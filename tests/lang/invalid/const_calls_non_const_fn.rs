// A constant is computed by the compiler: it may not call an ordinary function.
fn five() -> u64 {
    5
}

fn main() {
    const N: u64 = five();
    println!("{}", N);
}
