// `.await` consumes the future.
async fn answer() -> u32 {
    42
}

async fn main() {
    let f = answer();
    let a = f.await;
    let b = f.await;
    println!("{} {}", a, b);
}
