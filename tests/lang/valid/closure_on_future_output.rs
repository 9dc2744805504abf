// `.map` on a future runs a closure on its output.
async fn answer() -> u32 {
    41
}

async fn main() {
    let f = answer().map(|n| n + 1);
    println!("{}", f.await);
}
