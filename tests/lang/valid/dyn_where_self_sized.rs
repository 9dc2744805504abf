// `where Self: Sized` keeps a constructor and a generic method out of the vtable: the trait stays
// dyn compatible, and those two are called on the concrete type only.
trait Shape {
    fn area(&self) -> u32;
    fn unit() -> Self
    where
        Self: Sized;
    fn twice(&self) -> Self
    where
        Self: Sized;
}

struct Square(u32);

impl Shape for Square {
    fn area(&self) -> u32 {
        self.0 * self.0
    }
    fn unit() -> Self {
        Square(1)
    }
    fn twice(&self) -> Self {
        Square(self.0 * 2)
    }
}

fn describe(s: &dyn Shape) -> u32 {
    s.area()
}

async fn main() {
    let big = Square::unit().twice().twice();
    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Square(3)), Box::new(big)];
    for s in &shapes {
        println!("area {}", describe(&**s));
    }
}
