struct Counter {
    n: u32,
}

impl Counter {
    fn get(&self) -> u32 { self.n }
}

async fn main() {
    println!("hi");
}
