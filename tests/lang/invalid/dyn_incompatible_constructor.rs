// A trait with a constructor has no vtable to build: `Box<dyn Shape>` is rejected (E0038) where
// the type is written, here inside a body.
trait Shape {
    fn area(&self) -> u32;
    fn unit() -> Self;
}

struct Square(u32);

impl Shape for Square {
    fn area(&self) -> u32 {
        self.0 * self.0
    }
    fn unit() -> Self {
        Square(1)
    }
}

async fn main() {
    let s: Box<dyn Shape> = Box::new(Square(3));
    println!("{}", s.area());
}
