// `bump` takes `&mut self`: calling it borrows `c` mutably, which needs `let mut c`.
struct Counter {
    count: u32,
}

impl Counter {
    fn bump(&mut self) {
        self.count += 1;
    }
}

async fn main() {
    let c = Counter { count: 0 };
    c.bump();
    println!("{}", c.count);
}
