fn add(a: u32, b: u32) -> u32 {
    a + b
}

async fn main() {
    println!("{}", add(1, 2, 3));
}
